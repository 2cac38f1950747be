import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseDto } from '../../common/parse-dto';
import { ModelsService } from './models.service';

const SearchQuery = z.object({
  q: z.string().max(200).optional(),
  mode: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The model table for the dashboard's pickers; public facts, no authentication. */
@Controller('catalog')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get('models')
  search(@Query() query: unknown) {
    return this.models.search(parseDto(SearchQuery, query));
  }
}
