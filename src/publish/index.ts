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
  MAX_RELEASE_ASSET_BYTES,
  ReleaseUploadError,
  releaseAssetName,
  uploadReleaseAssets,
  type FailedAsset,
  type PublishedRelease,
  type ReleaseAssetFile,
  type ReleaseOptions,
  type UploadedAsset,
} from "./release.js";
export { MAKE_LATEST, type MakeLatest } from "./release-target.js";
export { CHECKSUMS_ASSET_NAME, formatChecksums, mergeChecksums, parseChecksums, type ChecksumEntry } from "./checksums.js";
export { apiBaseUrl, createGitHubClient, type ClientPolicy, type GitHubClient } from "./github-client.js";
export { explainFailure, parseRepository, type Repository } from "./github-errors.js";
export { derivationHash, imageCacheKey, restoreImage, saveImage } from "./cache.js";
