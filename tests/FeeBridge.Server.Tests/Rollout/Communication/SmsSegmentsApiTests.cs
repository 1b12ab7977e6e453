using System.Net;
using System.Net.Http.Json;
using System.Text;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.Communication;

/// <summary>
/// CONTRACTS.md §6 <c>POST /sms/segments</c>: <c>{"text"}</c> → <c>{"encoding":"GSM-7"|"UCS-2","characters","segments",
/// "outsideGsm":[…]}</c> (characters as counted by the encoding), with a staff bearer token.
/// </summary>
public sealed class SmsSegmentsApiTests(SqliteCommunicationSite site) : IClassFixture<SqliteCommunicationSite>
{
    private const string Url = "/api/v1/rollout/sms/segments";

    [Fact]
    public async Task ADanishText_IsGsm7_WithTheContractsFourFields()
    {
        using var leader = await site.StaffAsync("projektleder-223");
        var text = "Husk: fra 1. marts betaler du på kommunens side. Gebyr 20 €";
        using var r = await leader.PostAsJsonAsync(Url, new { text });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await r.Json();
        ((string)body["encoding"]!).ShouldBe("GSM-7");
        ((int)body["characters"]!).ShouldBe(text.Length + 1, "€ counts two (DOMAIN.md §8)");
        ((int)body["segments"]!).ShouldBe(1);
        body["outsideGsm"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task CurlyQuotesAndAnEmoji_MakeItUcs2_NamedInOutsideGsm_WithReplacementsBeside()
    {
        using var leader = await site.StaffAsync("projektleder-230");
        var text = "\u201CMine gebyrer\u201D \u2013 nu hos kommunen \U0001F4DA";
        using var r = await leader.PostAsJsonAsync(Url, new { text });
        var body = await r.Json();
        ((string)body["encoding"]!).ShouldBe("UCS-2");
        ((int)body["characters"]!).ShouldBe(text.Length);
        body["outsideGsm"]!.AsArray().Select(n => (string)n!).ShouldBe(["\u201C", "\u201D", "\u2013", "\U0001F4DA"]);
        body["replacements"]!.AsArray().Select(n => ((string)n!["character"]!, (string)n["replacement"]!))
            .ShouldBe([("\u201C", "\""), ("\u201D", "\""), ("\u2013", "-")]);
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    public async Task TheBoundary_Of160(int length, int segments)
    {
        using var kombit = await site.StaffAsync("kombit");
        var body = await (await kombit.PostAsJsonAsync(Url, new { text = new string('x', length) })).Json();
        ((int)body["segments"]!).ShouldBe(segments);
    }

    [Theory]
    [InlineData("{}", "text")]
    [InlineData("{\"text\":null}", "text")]
    [InlineData("{\"text\":42}", "text")]
    [InlineData("[\"hej\"]", "$")]
    public async Task AMissingText_Is422_NamingTheField(string json, string field)
    {
        using var leader = await site.StaffAsync("projektleder-240");
        using var r = await leader.PostAsync(Url, new StringContent(json, Encoding.UTF8, "application/json"));
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await r.Json())["errors"]![field].ShouldNotBeNull();
    }

    [Fact]
    public async Task WithoutAToken_Is401()
    {
        using var r = await site.Anonymous.PostAsJsonAsync(Url, new { text = "hej" });
        r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
