import type { StrategyName as ContractStrategyName } from '@gateway/contracts';
import type { StrategyName } from '@gateway/routing';
import type { SameType } from '../../../common/same-type';

// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  RoutingSettingsBody as RoutingSettingsDto,
  type RoutingSettings as RoutingSettingsResponseDto,
} from '@gateway/contracts';

// A strategy added to the planner fails here until the contract (and so the dashboard) knows it.
export const STRATEGIES_MATCH: SameType<StrategyName, ContractStrategyName> = true;
