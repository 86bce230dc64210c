/** The payments team's service: charges cards and keeps a record of every attempt. */
export function paymentsService(api: sst.aws.ApiGatewayV2, dir: string) {
  // TODO (step payments-route): build the service the way inventory/infra.ts does:
  //   - a table "Payments" keyed by paymentId (a string)
  //   - a function "PaymentsService", handler `${dir}/payments/handler.handler`, linked to that table only
  //   - the routes POST /v1/payments and GET /v1/payments/{paymentId}, both to that function
  // and return { table, service }.
  throw new Error(`paymentsService is not written yet (${dir}/payments/infra.ts); the API is ${typeof api}`);
}
