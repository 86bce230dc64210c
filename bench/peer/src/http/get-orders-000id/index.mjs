export { get as handler } from "../../../orders.mjs";
