export { health as handler } from "../../../orders.mjs";
