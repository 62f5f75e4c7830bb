import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fake of the Redshift management API's DescribeClusters for the real `@aws-sdk/client-redshift`
 * (the AWS Query protocol: a form-encoded POST answered with XML). Knows the clusters it is given, by identifier.
 */
export async function startFakeRedshiftApi(clusters: Readonly<Record<string, string>>) {
  const requests: URLSearchParams[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      requests.push(form);
      const id = form.get('ClusterIdentifier') ?? '';
      const nodeType = clusters[id];
      response.setHeader('content-type', 'text/xml');
      if (form.get('Action') !== 'DescribeClusters' || nodeType === undefined) {
        response.statusCode = 404;
        response.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>ClusterNotFound</Code><Message>Cluster ${id} not found.</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
        );
        return;
      }
      response.end(
        `<DescribeClustersResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/"><DescribeClustersResult><Clusters><Cluster>` +
          `<ClusterIdentifier>${id}</ClusterIdentifier><NodeType>${nodeType}</NodeType><NumberOfNodes>2</NumberOfNodes>` +
          `</Cluster></Clusters></DescribeClustersResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeClustersResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
