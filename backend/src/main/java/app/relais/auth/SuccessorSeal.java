package app.relais.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps a rotated refresh token's successor readable for the rotation grace without storing it in
 * clear: AES-GCM under a key derived from SECRET_KEY (a database dump alone does not reveal it).
 */
@ApplicationScoped
public class SuccessorSeal {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SuccessorSeal() {
        String secret = ConfigProvider.getConfig().getOptionalValue("SECRET_KEY", String.class)
                .filter(s -> !s.isBlank()).orElse(JwtKeyConfigSourceFactory.DEVELOPMENT_SECRET);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("relais-refresh-successor\u0000" + secret).getBytes(StandardCharsets.UTF_8));
            key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String token) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token, or null when the value was not sealed with this key (SECRET_KEY changed). */
    public String open(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
