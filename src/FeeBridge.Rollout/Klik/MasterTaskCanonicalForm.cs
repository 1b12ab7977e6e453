using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// A draft as CONTRACTS.md §6 JSON without its warnings: what "the same task" means for the store (same text twice
/// changes nothing; a changed text makes a new version) and for showing a municipality which fields changed.
/// </summary>
internal static class MasterTaskCanonicalForm
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject Node(MasterTaskDraft draft)
    {
        var node = JsonSerializer.SerializeToNode(draft, Options)!.AsObject();
        node.Remove("warnings");
        return node;
    }

    public static string Json(MasterTaskDraft draft) => Node(draft).ToJsonString(Options);

    public static string Fingerprint(MasterTaskDraft draft) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Json(draft))));

    public static IReadOnlyList<string> ChangedFields(MasterTaskDraft a, MasterTaskDraft b)
    {
        var (x, y) = (Node(a), Node(b));
        return [.. x.Select(p => p.Key).Where(key => !JsonNode.DeepEquals(x[key], y[key]))];
    }
}
