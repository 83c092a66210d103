package app.relais.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadableOperationIdsTest {

    @Test
    void shouldCompleteABareVerbWithTheResourceNoun() {
        assertEquals("listContacts", ReadableOperationIds.operationId("ContactResource", "list"));
        assertEquals("listCategories", ReadableOperationIds.operationId("CategoryResource", "list"));
        assertEquals("createCategory", ReadableOperationIds.operationId("CategoryResource", "create"));
        assertEquals("launchCampaign", ReadableOperationIds.operationId("CampaignResource", "launch"));
        assertEquals("listAuditLog", ReadableOperationIds.operationId("AuditLogResource", "list"));
    }

    @Test
    void shouldReadAMethodNamedAfterItsResourceAsAGet() {
        assertEquals("getMonitoring", ReadableOperationIds.operationId("MonitoringResource", "monitoring"));
        assertEquals("getEvents", ReadableOperationIds.operationId("EventsResource", "events"));
    }

    @Test
    void shouldKeepAMethodNameThatAlreadySaysWhatItDoes() {
        assertEquals("retryFailed", ReadableOperationIds.operationId("CampaignResource", "retryFailed"));
    }
}
