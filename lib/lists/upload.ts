/**
 * The largest list file the Lists page takes as an upload: 32 MB (the OFAC sdn.xml is about 25 MB
 * today). The upload is held in memory while it is read, and the server runs with a 256 MB heap;
 * larger files (the OFAC advanced XML, ~110 MB) go through `npm run lists:import`, which reads
 * from disk up to lib/lists MAX_LIST_FILE_BYTES.
 */
export const LIST_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;
