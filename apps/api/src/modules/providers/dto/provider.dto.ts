import { z } from 'zod';
import {
  CreateProviderBody,
  UpdateProviderBody,
  type BreakerState as ContractBreakerState,
  type PROXY_PROTOCOLS as CONTRACT_PROXY_PROTOCOLS,
} from '@gateway/contracts';
import { getProvider, type BreakerState } from '@gateway/routing';
import type { SameType } from '../../../common/same-type';
import type { PROXY_PROTOCOLS } from '../provider-dispatcher';

// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  ConcurrencyBody as ConcurrencyDto,
  type Provider as ProviderDto,
  type ProviderList as ProviderListDto,
  type ProviderTestResult as ProviderTestDto,
  type ProviderModels as ProviderModelsDto,
  type ProviderHealthList as ProviderHealthListDto,
} from '@gateway/contracts';

/** The contract fixes the shape of `provider`; only the API knows which provider types exist. */
const knownProvider = z
  .string()
  .trim()
  .refine(
    (id) => getProvider(id) !== undefined,
    'unknown provider type (see GET /models/providers)',
  );

export const CreateProviderDto = CreateProviderBody.extend({ provider: knownProvider });
export type CreateProviderDto = z.infer<typeof CreateProviderDto>;

export const UpdateProviderDto = UpdateProviderBody.extend({ provider: knownProvider.optional() });
export type UpdateProviderDto = z.infer<typeof UpdateProviderDto>;

// What the contract accepts is what the dispatcher and the breakers implement.
export const PROXY_PROTOCOLS_MATCH: SameType<
  (typeof PROXY_PROTOCOLS)[number],
  (typeof CONTRACT_PROXY_PROTOCOLS)[number]
> = true;
export const BREAKER_STATES_MATCH: SameType<BreakerState, ContractBreakerState> = true;
