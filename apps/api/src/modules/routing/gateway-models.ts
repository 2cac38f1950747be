import { Inject, Injectable } from '@nestjs/common';
import { getProvider, isRoutable, type ModelCatalog, type ModelEntry } from '@gateway/routing';
import { matchesAny, type CallerKey } from '../keys/caller-key';
import { ENV_CREDENTIALS, type EnvCredentials } from '../models/env-credentials';
import { ModelsService } from '../models/models.service';
import { MODEL_CATALOG } from '../models/models.tokens';
import { GatewayConfig } from './gateway-config';

/** One model a gateway can serve, as listed by `GET /v1/models`. */
export interface GatewayModel {
  /** The name a client sends. */
  id: string;
  /** Provider type (registry id). */
  provider: string;
  /** Names a key's provider restriction may use: the config's id and name (gateway providers). */
  providerAliases: string[];
  displayName: string;
  contextWindow?: number;
  maxOutputTokens?: number;
}

/**
 * The chat models a gateway can route, the way `plan` would: its own enabled providers' models
 * (their model lists, or the catalog's models of their type when the list is empty), or, for a
 * gateway without providers of its own, the models of the environment's configured providers.
 * Built once per gateway and rebuilt after that gateway's configuration changes.
 */
@Injectable()
export class GatewayModels {
  private readonly cache = new Map<string, GatewayModel[]>();

  constructor(
    private readonly config: GatewayConfig,
    private readonly models: ModelsService,
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    @Inject(ENV_CREDENTIALS) private readonly env: EnvCredentials,
  ) {
    config.onReload((gatewayId) => {
      if (gatewayId === undefined) this.cache.clear();
      else this.cache.delete(gatewayId);
    });
  }

  /** The gateway's list, narrowed to what `key` may use. */
  list(gatewayId: string, key?: CallerKey): GatewayModel[] {
    let all = this.cache.get(gatewayId);
    if (!all) {
      all = this.build(gatewayId);
      this.cache.set(gatewayId, all);
    }
    if (!key || (key.allowedModels.length === 0 && key.allowedProviders.length === 0)) return all;
    return all.filter(
      (m) =>
        matchesAny(key.allowedModels, m.id) &&
        matchesAny(key.allowedProviders, m.provider, ...m.providerAliases),
    );
  }

  private build(gatewayId: string): GatewayModel[] {
    const chat = this.catalog.list({ mode: 'chat', routableOnly: true });
    const own = this.config.providersOf(gatewayId);
    const out = new Map<string, GatewayModel>();
    const add = (m: GatewayModel) => {
      const seen = out.get(m.id);
      if (!seen) out.set(m.id, m);
      else if (seen.provider === m.provider)
        seen.providerAliases = [...seen.providerAliases, ...m.providerAliases];
    };
    if (own.length === 0) {
      for (const m of chat) {
        const spec = getProvider(m.provider);
        if (spec && isRoutable(spec) && this.env.isConfigured(spec))
          add(entry(this.models.publicId(m), m, []));
      }
      return [...out.values()];
    }
    for (const p of own) {
      if (!p.enabled || !p.baseUrl || !isRoutable(p.spec)) continue;
      const aliases = [p.id, p.name];
      if (p.models.length > 0) {
        for (const name of p.models) {
          const known = this.catalog.get(p.spec.id, name);
          if (known && known.mode !== 'chat' && known.mode !== 'responses') continue;
          add(
            known
              ? entry(name, known, aliases)
              : { id: name, provider: p.spec.id, providerAliases: aliases, displayName: name },
          );
        }
      } else {
        for (const m of chat) if (m.provider === p.spec.id) add(entry(m.name, m, aliases));
      }
    }
    return [...out.values()];
  }
}

function entry(id: string, m: ModelEntry, aliases: string[]): GatewayModel {
  return {
    id,
    provider: m.provider,
    providerAliases: aliases,
    displayName: m.name,
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
  };
}
