using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>Claim bodies and calls as a library system would send them.</summary>
public static class ClaimBodies
{
    public const string Cpr = "0101901234";

    public static JsonObject Fee(string patronId = "P1", string amount = "120.00", string createdAt = "2026-11-20T10:15:00+01:00",
        string cpr = Cpr, string kind = "fee", bool acknowledged = false) => new()
    {
        ["patronId"] = patronId,
        ["debtor"] = new JsonObject { ["cpr"] = cpr },
        ["debtorName"] = "Jens Hansen",
        ["guardian"] = null,
        ["kind"] = kind,
        ["acknowledged"] = acknowledged,
        ["reason"] = "Gebyr (for sent)",
        ["createdAt"] = createdAt,
        ["dueDate"] = null,
        ["lines"] = new JsonArray(new JsonObject
        {
            ["lineId"] = "1", ["amount"] = amount, ["text"] = "Sen aflevering",
            ["materialItemNumber"] = "5012345678", ["recordId"] = "29018712",
        }),
    };

    public static Task<HttpResponseMessage> PutClaim(this HttpClient c, string agency, string claimId, JsonNode body) =>
        c.PutAsync($"/api/v1/agencies/{agency}/claims/{claimId}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    public static async Task<JsonObject> Json(this HttpResponseMessage r) =>
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<JsonObject> GetClaim(this HttpClient c, string agency, string claimId)
    {
        var r = await c.GetAsync($"/api/v1/agencies/{agency}/claims/{claimId}");
        r.EnsureSuccessStatusCode();
        return await r.Json();
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient c, string url, object body) =>
        c.PostAsync(url, new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutJson(this HttpClient c, string url, object body) =>
        c.PutAsync(url, new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));

    public static string[] EventTypes(JsonObject claim) =>
        claim["events"]!.AsArray().Select(e => (string)e!["type"]!).ToArray();
}
