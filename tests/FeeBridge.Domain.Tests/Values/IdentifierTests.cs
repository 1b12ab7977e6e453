namespace FeeBridge.Domain.Tests.Values;

public class IdentifierTests
{
    [Theory]
    [InlineData("29189846")] // Københavns Kommune
    [InlineData("55133018")] // Aarhus Kommune
    [InlineData("10103940")] // Statsministeriet
    public void Cvr_Modulus11Valid_IsAccepted(string text) => Cvr.Parse(text).Value.ShouldBe(text);

    [Theory]
    [InlineData("29189847")] // check digit off by one
    [InlineData("12345678")]
    [InlineData("01234567")] // leading zero
    [InlineData("2918984")]
    [InlineData("2918984A")]
    [InlineData(null)]
    public void Cvr_InvalidIsRejected(string? text) => Cvr.TryParse(text, out _, out _).ShouldBeFalse();

    [Fact]
    public void Cvr_Modulus11_WeightsAre27654321()
    {
        // 29189846: 2·2+7·9+6·1+5·8+4·9+3·8+2·4+1·6 = 187 = 17·11.
        (2 * 2 + 7 * 9 + 6 * 1 + 5 * 8 + 4 * 9 + 3 * 8 + 2 * 4 + 1 * 6).ShouldBe(187);
        Cvr.TryParse("29189846", out _, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("101", true)]
    [InlineData("751", true)]
    [InlineData("999", true)]
    [InlineData("100", false)]
    [InlineData("000", false)]
    [InlineData("10", false)]
    [InlineData("1011", false)]
    [InlineData("7a1", false)]
    public void Kommunekode_IsThreeDigitsFrom101(string text, bool valid) => Kommunekode.TryParse(text, out _, out _).ShouldBe(valid);

    [Theory]
    [InlineData("710100", true)]
    [InlineData("775100", true)]
    [InlineData("71010", false)]
    [InlineData("7101000", false)]
    [InlineData("71010X", false)]
    public void AgencyId_IsSixDigits(string text, bool valid) => AgencyId.TryParse(text, out _, out _).ShouldBe(valid);

    [Fact]
    public void Identifiers_EqualByValue()
    {
        AgencyId.Parse("710100").ShouldBe(AgencyId.Parse("710100"));
        Kommunekode.Parse("101").ShouldNotBe(Kommunekode.Parse("751"));
        Kommunekode.Parse("101").ToString().ShouldBe("101");
    }
}
