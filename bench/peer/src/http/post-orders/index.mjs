export { create as handler } from "../../../orders.mjs";
