// A stand-in for a card processor, deterministic so tests can rely on it:
// cards ending in 0002 are declined, every other card is approved.
export type CardResult = { approved: true; reference: string } | { approved: false; reason: string };

let charges = 0;

export async function chargeCard(card: string, amountCents: number): Promise<CardResult> {
  if (card.endsWith("0002")) return { approved: false, reason: "card declined" };
  charges += 1;
  return { approved: true, reference: `ch_${Date.now().toString(36)}_${charges}_${amountCents}` };
}
