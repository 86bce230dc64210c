export const health = async () => ({ ok: true });
export const create = async () => ({ statusCode: 201 });
export const get = async () => ({ statusCode: 200 });
