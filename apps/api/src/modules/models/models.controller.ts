import { Controller, Get, Query } from '@nestjs/common';
import { CatalogSearchQuery, type CatalogResponse } from '@gateway/contracts';
import { parseDto } from '../../common/parse-dto';
import { ModelsService } from './models.service';

/** The model table for the dashboard's pickers; public facts, no authentication. */
@Controller('catalog')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get('models')
  search(@Query() query: unknown): CatalogResponse {
    return this.models.search(parseDto(CatalogSearchQuery, query));
  }
}
