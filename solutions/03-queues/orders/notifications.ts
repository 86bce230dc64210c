// A stand-in for a mail provider, as in chapter 01: addresses at bounce.example
// stand for the days it is down.
export class MailProviderUnavailable extends Error {
  override name = "MailProviderUnavailable";
}

export async function sendOrderConfirmation(email: string, orderId: string): Promise<void> {
  if (email.endsWith("@bounce.example")) throw new MailProviderUnavailable(`mail provider did not accept ${email}`);
  console.log(JSON.stringify({ msg: "confirmation mailed", orderId, email }));
}
