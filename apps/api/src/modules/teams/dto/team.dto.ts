// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  AddMemberBody as AddMemberDto,
  TeamNameBody as TeamNameDto,
  TransferTeamBody as TransferTeamDto,
  UpdateMemberBody as UpdateMemberDto,
  type Team as TeamDto,
  type TeamList as TeamListDto,
  type TeamMember as TeamMemberDto,
  type TeamMemberList as TeamMemberListDto,
} from '@gateway/contracts';
