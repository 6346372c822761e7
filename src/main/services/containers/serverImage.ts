/** What builds and deployments agree on about a model server image. */

/** A numeric id, so the image runs as non-root on any base, even one without this user in /etc/passwd. */
export const SERVER_UID = 10001;

/** The image a run starts: a build's (with its model) or any image the engine has. */
export interface RunnableImage {
  image: string;
  buildId: string | null;
  model: { name: string; version: number } | null;
  /** The port the server listens on inside the image. */
  port: number;
}
