package app.relais.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

/** bcrypt, cost 12 (Modular Crypt Format "$2a$12$…", readable by any bcrypt library). */
@ApplicationScoped
public class PasswordHasher {

    public static final int COST = 12;
    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    /** Verified for unknown emails so that a failed login takes the same time either way. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("relais-dummy-password", COST);

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public boolean verify(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            Password raw = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(raw.getAlgorithm(), PROVIDER);
            return factory.verify(factory.translate(raw), password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one verification; always false. */
    public boolean verifyDummy(String password) {
        verify(password == null ? "" : password, DUMMY_HASH);
        return false;
    }

    /** At least 10 characters with at least one letter and one digit. */
    public static boolean isStrong(String password) {
        return password != null && password.length() >= 10 && password.length() <= 200
                && password.chars().anyMatch(Character::isLetter) && password.chars().anyMatch(Character::isDigit);
    }
}
