import { parseArgs } from 'node:util';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { dashboardFiles } from '../infra/local/dashboard-files';
import { apiSigner, createDashboardProxy } from '../infra/local/dashboard-proxy';

/**
 * `npm run dashboard -- --api <ApiUrl> [--region r] [--profile p] [--port 8080]`: the
 * dashboard of a deployed stack, served on this machine; its API calls are signed with
 * SigV4 from your AWS credentials (the default chain: environment, profile, SSO, …).
 */
const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    region: { type: 'string' },
    profile: { type: 'string' },
    port: { type: 'string', default: '8080' },
  },
});

const fail = (message: string) => {
  console.error(`${message}\nusage: npm run dashboard -- --api <ApiUrl> [--region r] [--profile p] [--port 8080]`);
  process.exit(2);
};

if (!values.api) fail('--api is required: the stack output ApiUrl (https://<id>.execute-api.<region>.amazonaws.com/)');
const api = new URL(values.api!);
const region =
  values.region ?? /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(api.hostname)?.[1] ?? process.env.AWS_REGION;
if (!region) fail('--region is required when the API URL does not name it');
const credentials = fromNodeProviderChain(values.profile ? { profile: values.profile } : {});
const server = createDashboardProxy({
  api,
  signer: apiSigner({ region: region!, credentials }),
  files: dashboardFiles(),
});
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`dashboard of ${api.origin} on http://127.0.0.1:${values.port}/ (signing for execute-api in ${region})`);
});
