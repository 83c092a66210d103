package app.relais.common.api;

/** The two roles, as they appear in the JWT "groups" claim and in @RolesAllowed. */
public final class Roles {

    public static final String SUPER_ADMIN = "super_admin";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
