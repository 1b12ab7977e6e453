using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace FeeBridge.Sandbox.Tests.Staff;

/// <summary>A token's payload read as the JSON it is, to see the claims' JSON types as a server would get them.</summary>
internal static class StaffTokenReading
{
    public static JsonElement Payload(string jwt) => JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement.Clone();

    /// <summary>The <c>roles</c> claim, which must be a JSON array however many roles there are.</summary>
    public static string[] Roles(string jwt)
    {
        var roles = Payload(jwt).GetProperty("roles");
        roles.ValueKind.ShouldBe(JsonValueKind.Array);
        return [.. roles.EnumerateArray().Select(r => r.GetString()!)];
    }
}
