// What the shop sells. Fixed in code: a price change is a deployment, like every other change here.
export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  /** stock before anyone restocks or buys */
  initialStock: number;
}

const PRODUCTS: Product[] = [
  { sku: "phoenix-project", name: "The Phoenix Project", priceCents: 2500, initialStock: 50 },
  { sku: "accelerate", name: "Accelerate", priceCents: 3000, initialStock: 50 },
  { sku: "team-topologies", name: "Team Topologies", priceCents: 3500, initialStock: 50 },
];

export function findProduct(sku: string): Product | undefined {
  return PRODUCTS.find((p) => p.sku === sku);
}
