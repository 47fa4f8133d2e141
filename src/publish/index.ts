// The publishing layer: workflow artifacts, release assets, the image cache.
export type { ImageFile } from "./image.js";
export {
  ARTIFACT_NAME_PLACEHOLDERS,
  DEFAULT_ARTIFACT_NAME_TEMPLATE,
  FORBIDDEN_ARTIFACT_NAME_CHARACTERS,
  artifactNames,
  checkArtifactNameTemplate,
  renderArtifactName,
  validateArtifactName,
} from "./artifact-name.js";
export { DEFAULT_ZIP_COMPRESSION_LEVEL, PRECOMPRESSED_CONTAINERS, checkCompressionLevel, zipCompressionLevel } from "./compression.js";
export { uploadImageArtifacts, type ArtifactUploadOptions, type UploadedArtifact } from "./artifact.js";
export {
  releaseAssetName,
  uploadReleaseAssets,
  type PublishedRelease,
  type ReleaseAssetFile,
  type ReleaseOptions,
  type UploadedAsset,
} from "./release.js";
export { derivationHash, imageCacheKey, restoreImage, saveImage } from "./cache.js";
export { expandUriTemplate } from "./uri-template.js";
