namespace FeeBridge.Domain.Tests.Values;

/// <summary>Kommunekode and AgencyId: fixed-length digit codes.</summary>
public class IdentifierTests
{
    [Theory]
    [InlineData("101")] // København
    [InlineData("751")] // Aarhus
    [InlineData("999")]
    public void Kommunekode_ThreeDigitsFrom101To999_IsAccepted(string text)
    {
        Kommunekode.TryParse(text, out var code, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        code.Value.ShouldBe(text);
        code.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("099")]
    [InlineData("001")]
    [InlineData("000")]
    public void Kommunekode_Below101_IsRejected(string text)
    {
        Kommunekode.TryParse(text, out var code, out var error).ShouldBeFalse();
        code.ShouldBe(default(Kommunekode));
        error.ShouldNotBeNull();
        error.ShouldContain("101-999");
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1011")]
    [InlineData("0101")] // the same number with a leading zero is not the same code
    [InlineData(" 101")]
    [InlineData("101 ")]
    [InlineData("7a1")]
    [InlineData("-101")]
    [InlineData("١٠١")]
    [InlineData("")]
    [InlineData(null)]
    public void Kommunekode_NotExactlyThreeAsciiDigits_IsRejected(string? text)
    {
        Kommunekode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Kommunekode_Parse_ThrowsFormatException_WithTheTryParseMessage()
    {
        Kommunekode.TryParse("100", out _, out var error).ShouldBeFalse();
        Should.Throw<FormatException>(() => Kommunekode.Parse("100")).Message.ShouldBe(error);
    }

    [Fact]
    public void Kommunekode_Equality_IsByValue()
    {
        var a = Kommunekode.Parse("101");
        (a == Kommunekode.Parse("101")).ShouldBeTrue();
        (a != Kommunekode.Parse("101")).ShouldBeFalse();
        a.GetHashCode().ShouldBe(Kommunekode.Parse("101").GetHashCode());
        a.Equals((object)Kommunekode.Parse("101")).ShouldBeTrue();
        (a == Kommunekode.Parse("751")).ShouldBeFalse();
        (a != Kommunekode.Parse("751")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("710100")] // Københavns Biblioteker
    [InlineData("775100")] // Aarhus
    [InlineData("000000")]
    public void AgencyId_SixDigits_IsAccepted(string text)
    {
        AgencyId.TryParse(text, out var id, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        id.Value.ShouldBe(text);
        id.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("71010")]
    [InlineData("7101000")]
    [InlineData("71010X")]
    [InlineData("DK-710100")]
    [InlineData(" 710100")]
    [InlineData("710100 ")]
    [InlineData("٧١٠١٠٠")]
    [InlineData("")]
    [InlineData(null)]
    public void AgencyId_NotExactlySixAsciiDigits_IsRejected(string? text)
    {
        AgencyId.TryParse(text, out var id, out var error).ShouldBeFalse();
        id.ShouldBe(default(AgencyId));
        error.ShouldNotBeNull();
        error.ShouldContain("6 digits");
        if (text is { Length: > 0 }) error.ShouldNotContain(text.Trim());
    }

    [Fact]
    public void AgencyId_Parse_ThrowsFormatException_WithTheTryParseMessage()
    {
        AgencyId.TryParse("71010", out _, out var error).ShouldBeFalse();
        Should.Throw<FormatException>(() => AgencyId.Parse("71010")).Message.ShouldBe(error);
    }

    [Fact]
    public void AgencyId_Equality_IsByValue()
    {
        var a = AgencyId.Parse("710100");
        (a == AgencyId.Parse("710100")).ShouldBeTrue();
        (a != AgencyId.Parse("710100")).ShouldBeFalse();
        a.GetHashCode().ShouldBe(AgencyId.Parse("710100").GetHashCode());
        a.Equals((object)AgencyId.Parse("710100")).ShouldBeTrue();
        a.Equals((object)"710100").ShouldBeFalse();
        (a == AgencyId.Parse("775100")).ShouldBeFalse();
    }

    [Fact]
    public void Identifiers_Default_PrintsEmpty_AndEqualsOnlyDefault()
    {
        default(Kommunekode).ToString().ShouldBe("");
        default(AgencyId).ToString().ShouldBe("");
        default(Cvr).ToString().ShouldBe("");
        default(FiPaymentId).ToString().ShouldBe("");
        (default(AgencyId) == AgencyId.Parse("710100")).ShouldBeFalse();
        (default(Kommunekode) == Kommunekode.Parse("101")).ShouldBeFalse();
    }
}
