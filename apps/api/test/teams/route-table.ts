import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface RouteInfo {
  /** `GET /gateway/:id/keys`, as `ENDPOINT_MIN_ROLE` names it. */
  endpoint: string;
  guards: string[];
}

function joinPath(...parts: string[]): string {
  const path = `/${parts.join('/')}`.replace(/\/+/g, '/');
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

/** Every route the app's controllers declare, with the guards that run before it. */
export function declaredRoutes(app: NestFastifyApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classGuards = (Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as Type[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || name === 'constructor') continue;
        const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const guards = [
          ...classGuards,
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as Type[]),
        ];
        routes.push({
          endpoint: `${RequestMethod[method]} ${joinPath(base, path)}`,
          guards: guards.map((g) => g.name),
        });
      }
    }
  }
  return routes;
}
