/** The edge's port on 127.0.0.1 when `course up` is not given one — the port AWS emulators customarily use. */
export const DEFAULT_PORT = 4566;
