package app.relais.client;

import app.relais.client.api.AuthApi;
import app.relais.client.api.CampaignsApi;
import app.relais.client.api.CategoriesApi;
import app.relais.client.api.ContactsApi;
import app.relais.client.api.StatisticsApi;
import app.relais.client.model.Campaign;
import app.relais.client.model.CampaignRequest;
import app.relais.client.model.CampaignStatsResponse;
import app.relais.client.model.CategoryMembersRequest;
import app.relais.client.model.CategoryRequest;
import app.relais.client.model.CategoryResponse;
import app.relais.client.model.ChangePasswordRequest;
import app.relais.client.model.ContactResponse;
import app.relais.client.model.CreateContactRequest;
import app.relais.client.model.LoginRequest;
import app.relais.client.model.TokenResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main flow of an integrator, written against the client openapi-generator made from the served
 * document (GeneratedClientTest generates it into target/, compiles this file with it and runs it):
 * sign in, create a category and a contact in it, create a campaign, launch it, read its statistics.
 * No hand-written HTTP; the only header set by hand is the bearer token, the native library's way.
 */
public final class MainFlow {

    private MainFlow() {
    }

    public static Map<String, Object> run(String baseUri, String email, String password, String phone) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        AuthApi auth = new AuthApi(client);
        // The second argument is the optional X-Refresh-Transport header: an integrator keeps the JSON tokens.
        TokenResponse signedIn = auth.login(new LoginRequest().email(email).password(password), null);
        // A new account signs in with a temporary password and must change it first.
        TokenResponse tokens = Boolean.TRUE.equals(signedIn.getUser().getMustChangePassword())
                ? withToken(client, signedIn).changePassword(new ChangePasswordRequest().currentPassword(password)
                        .newPassword(password + "-2"), null)
                : signedIn;
        withToken(client, tokens);

        CategoryResponse category = new CategoriesApi(client)
                .createCategory(new CategoryRequest().name("Client généré " + phone).colour("#10B981"));
        ContactResponse contact = new ContactsApi(client)
                .createContact(new CreateContactRequest().phone(phone).firstName("Zoé").lastName("Durand"));
        new CategoriesApi(client).addCategoryContacts(category.getId(),
                new CategoryMembersRequest().ids(List.of(contact.getId())));

        CampaignsApi campaigns = new CampaignsApi(client);
        Campaign draft = campaigns.createCampaign(new CampaignRequest().name("Campagne du client généré")
                .categoryIds(List.of(category.getId())).message1Body("Bonjour {{first_name}} !"));
        Campaign launched = campaigns.launchCampaign(draft.getId());
        CampaignStatsResponse stats = new StatisticsApi(client).getCampaignStats(launched.getId());

        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("userEmail", tokens.getUser().getEmail());
        outcome.put("contactPhone", contact.getPhone());
        outcome.put("draftStatus", String.valueOf(draft.getStatus()));
        outcome.put("launchedStatus", String.valueOf(launched.getStatus()));
        outcome.put("campaignId", String.valueOf(stats.getCampaignId()));
        outcome.put("recipients", launched.getCounters().getRecipients());
        return outcome;
    }

    private static AuthApi withToken(ApiClient client, TokenResponse tokens) {
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + tokens.getAccessToken()));
        return new AuthApi(client);
    }
}
