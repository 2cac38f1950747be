import type { KeyPrefix as ContractKeyPrefix } from '@gateway/contracts';
import type { SameType } from '../../../common/same-type';
import type { KeyPrefix } from '../key.entity';

// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  KeyLimitsBody as KeyLimitsDto,
  CreateKeyBody as CreateKeyDto,
  UpdateKeyBody as UpdateKeyDto,
  type Key as KeyDto,
  type KeyDetail as KeyDetailDto,
  type CreatedKey as CreatedKeyDto,
  type KeyList as KeyListDto,
} from '@gateway/contracts';

// The prefixes the contract accepts are the ones the key store can mint.
export const KEY_PREFIXES_MATCH: SameType<KeyPrefix, ContractKeyPrefix> = true;
