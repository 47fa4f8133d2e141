// What the publishing layer needs to know about one built image.
import type { Format, NixSystem } from "../core/catalogue.js";

/** One built image on disk, ready to be published. */
export interface ImageFile {
  /** The image file (a directory is published with everything under it). */
  path: string;
  /** The format it was built as; `compression` and `container` decide how it is shipped. */
  format: Pick<Format, "name" | "compression" | "container">;
  system: NixSystem;
}
