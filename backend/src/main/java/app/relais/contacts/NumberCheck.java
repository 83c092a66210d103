package app.relais.contacts;

import app.relais.common.i18n.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Locale;

/** The live check of the contact form: the same parse as create, update and import, and nothing written. */
@ApplicationScoped
public class NumberCheck {

    private final ContactService contacts;

    public NumberCheck(ContactService contacts) {
        this.contacts = contacts;
    }

    @Transactional
    public NumberCheckResponse check(NumberCheckRequest req, Locale locale) {
        PhoneNumbers.Parsed p = contacts.checkPhone(req.number(), req.country());
        if (!p.ok()) {
            return new NumberCheckResponse(false, null, null, false, null, p.reason(),
                    Messages.get(locale, "field.phone." + p.reason()), null);
        }
        String repairReason = p.repaired()
                ? Messages.get(locale, p.e164().startsWith("+229") ? "phone.repaired.bj" : "phone.repaired.ci")
                : null;
        return new NumberCheckResponse(true, p.e164(), p.country(), p.repaired(), repairReason, null, null,
                Contact.findByPhone(p.e164()).map(c -> c.id).orElse(null));
    }
}
