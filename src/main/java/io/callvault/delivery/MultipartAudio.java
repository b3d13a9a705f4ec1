package io.callvault.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} document of two parts: a JSON part, then the audio as a file part (what Comdesign's
 * audio_data answers). The audio is not copied: the document is the bytes before it, its blob regions, and the
 * closing bytes, so it streams like any other audio body and has an exact Content-Length.
 *
 * @param before      the boundary, the JSON part and the file part's headers
 * @param after       the closing boundary
 * @param contentType {@code multipart/form-data; boundary=…}
 */
public record MultipartAudio(byte[] before, AudioBody audio, byte[] after, String contentType) {

    public static MultipartAudio of(String jsonName, byte[] json, String fileName, String filename, AudioBody audio) {
        String boundary = "CallVault-" + UUID.randomUUID();
        ByteArrayOutputStream head = new ByteArrayOutputStream(json.length + 512);
        head.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + jsonName + "\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        head.writeBytes(json);
        head.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + audio.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return new MultipartAudio(head.toByteArray(), audio, after, "multipart/form-data; boundary=" + boundary);
    }
}
