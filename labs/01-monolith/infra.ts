import type { LabContext } from "../../infra/load-lab";

/**
 * Lab 01: the shop as one deployable. One function serves every route, one
 * table holds every kind of record, and a change to any feature ships all of them.
 */
export default function infra({ dir }: LabContext) {
  const shopTable = new sst.aws.Dynamo("Shop", {
    fields: { pk: "string" },
    primaryIndex: { hashKey: "pk" },
  });

  const monolith = new sst.aws.Function("Monolith", {
    handler: `${dir}/src/shop.handler`,
    link: [shopTable],
    timeout: "10 seconds",
    memory: "512 MB",
  });

  const api = new sst.aws.ApiGatewayV2("Api");
  // Every request under /v1 goes to the same function, which routes it itself.
  api.route("ANY /v1/{proxy+}", monolith.arn);

  return { api: api.url, shopTable: shopTable.name, monolithFunction: monolith.name };
}
