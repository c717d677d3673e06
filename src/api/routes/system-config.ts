import type { ClusterConfig, SystemConfig } from '../../store/index.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderClusterConfig, renderSystemConfig } from '../wire/config.ts';
import { admin, BodyReader, type RouteDeps, readXml, written } from './kit.ts';

/**
 * The configuration singletons (finesse-api.md §1.10), Administrator only: `GET|PUT
 * /SystemConfig` (the CTI server: `<cti><host/><port/><backupHost/><backupPort/><peripheralId/>
 * <secure/></cti>`) and `GET|PUT /ClusterConfig` (`<secondaryNode><host/></secondaryNode>`).
 * A PUT may name only the elements it changes. As in Finesse, the new values are stored at once
 * and take effect when the node restarts.
 */
export function systemConfigRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  return [
    {
      pattern: '/SystemConfig',
      apiName: 'systemConfig',
      methods: {
        GET: admin(deps, false, async () => xmlReply(200, renderSystemConfig(await store.getSystemConfig()))),
        PUT: admin(deps, true, async (ctx) => {
          const body = await readXml(ctx, 'SystemConfig');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const read = new BodyReader(body.value);
          const cti = body.value.getChild('cti') ?? body.value;
          const current = (await store.getSystemConfig()).cti;
          const next: SystemConfig = {
            cti: {
              host: read.text('host', cti)?.trim() ?? current.host,
              port: read.int('port', cti) ?? current.port,
              backupHost: read.text('backupHost', cti)?.trim() ?? current.backupHost,
              backupPort: read.int('backupPort', cti) ?? current.backupPort,
              peripheralId: read.int('peripheralId', cti) ?? current.peripheralId,
              secure: read.bool('secure', cti) ?? current.secure,
            },
          };
          if (read.error) return errorReply(read.error);
          const r = await store.putSystemConfig(next);
          if (r.ok) deps.configChanged({ kind: 'systemConfig', op: 'update', id: 'SystemConfig' });
          return written(r, renderSystemConfig);
        }),
      },
    },
    {
      pattern: '/ClusterConfig',
      apiName: 'clusterConfig',
      methods: {
        GET: admin(deps, false, async () =>
          xmlReply(200, renderClusterConfig(await store.getClusterConfig())),
        ),
        PUT: admin(deps, true, async (ctx) => {
          const body = await readXml(ctx, 'ClusterConfig');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const read = new BodyReader(body.value);
          const node = body.value.getChild('secondaryNode');
          const current = await store.getClusterConfig();
          const next: ClusterConfig = {
            secondaryNode: { host: (node && read.text('host', node)?.trim()) ?? current.secondaryNode.host },
          };
          const r = await store.putClusterConfig(next);
          if (r.ok) deps.configChanged({ kind: 'clusterConfig', op: 'update', id: 'ClusterConfig' });
          return written(r, renderClusterConfig);
        }),
      },
    },
  ];
}
