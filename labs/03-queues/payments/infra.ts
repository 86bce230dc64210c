/** The payments team's service: charges cards and keeps a record of every attempt. */
export function paymentsService(api: sst.aws.ApiGatewayV2, dir: string) {
  const table = new sst.aws.Dynamo("Payments", {
    fields: { paymentId: "string" },
    primaryIndex: { hashKey: "paymentId" },
  });
  const service = new sst.aws.Function("PaymentsService", {
    handler: `${dir}/payments/handler.handler`,
    link: [table],
    timeout: "10 seconds",
    memory: "256 MB",
  });
  api.route("POST /v1/payments", service.arn);
  api.route("GET /v1/payments/{paymentId}", service.arn);
  return { table, service };
}
