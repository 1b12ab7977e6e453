namespace FeeBridge.Domain.Tests.Values;

public class CvrTests
{
    // Real CVR numbers of public bodies; the test recomputes each checksum itself before trusting the data.
    [Theory]
    [InlineData("64942212")] // Københavns Kommune
    [InlineData("55133018")] // Aarhus Kommune
    [InlineData("29189846")] // Viborg Kommune
    [InlineData("10103940")] // Statsministeriet
    public void Cvr_RealNumberPassingModulus11_IsAccepted(string text)
    {
        (WeightedSum(text) % 11).ShouldBe(0, "test premise: a real CVR passes modulus 11");
        Cvr.TryParse(text, out var cvr, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        cvr.Value.ShouldBe(text);
        cvr.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("64942212")]
    [InlineData("55133018")]
    [InlineData("29189846")]
    [InlineData("10103940")]
    public void Cvr_AnyOtherLastDigit_FailsModulus11(string valid)
    {
        // The last digit weighs 1, so exactly one last digit makes the sum divisible by 11.
        foreach (var d in "0123456789".Where(d => d != valid[^1]))
        {
            var wrong = valid[..7] + d;
            Cvr.TryParse(wrong, out _, out var error).ShouldBeFalse(wrong);
            error.ShouldNotBeNull();
            error.ShouldContain("modulus-11");
        }
    }

    [Fact]
    public void Cvr_Modulus11_UsesWeights27654321()
    {
        // 10103940: 2·1 + 7·0 + 6·1 + 5·0 + 4·3 + 3·9 + 2·4 + 1·0 = 55 = 5·11.
        WeightedSum("10103940").ShouldBe(55);
        Cvr.TryParse("10103940", out _, out _).ShouldBeTrue();
        // Swapping the 6th and 7th digits (weights 3 and 2) keeps the digits but not the sum: 10103490 gives
        // 2 + 6 + 12 + 12 + 18 = 50, which 11 does not divide; a plain digit sum would not notice the swap.
        (WeightedSum("10103490") % 11).ShouldNotBe(0, "test premise");
        Cvr.TryParse("10103490", out _, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("01000004")] // 7·1 + 1·4 = 11: passes modulus 11 but starts with 0
    [InlineData("00000000")] // sum 0: passes modulus 11 but starts with 0
    public void Cvr_LeadingZero_IsRejectedEvenWhenModulus11Passes(string text)
    {
        (WeightedSum(text) % 11).ShouldBe(0, "test premise");
        Cvr.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain("not starting with 0");
    }

    [Theory]
    [InlineData("6494221")]
    [InlineData("649422120")]
    [InlineData("6494221A")]
    [InlineData("64 942212")]
    [InlineData(" 64942212")]
    [InlineData("64942212 ")]
    [InlineData("DK64942212")]
    [InlineData("")]
    [InlineData(null)]
    public void Cvr_NotEightAsciiDigits_IsRejected(string? text)
    {
        Cvr.TryParse(text, out var cvr, out var error).ShouldBeFalse();
        cvr.ShouldBe(default(Cvr));
        error.ShouldNotBeNullOrWhiteSpace();
        if (text is { Length: > 0 }) error.ShouldNotContain(text.Trim());
    }

    [Fact]
    public void Cvr_Parse_ThrowsFormatException_WithTheTryParseMessage()
    {
        Cvr.TryParse("64942213", out _, out var error).ShouldBeFalse();
        Should.Throw<FormatException>(() => Cvr.Parse("64942213")).Message.ShouldBe(error);
    }

    [Fact]
    public void Cvr_Equality_IsByValue()
    {
        var a = Cvr.Parse("64942212");
        var b = Cvr.Parse("64942212");
        (a == b).ShouldBeTrue();
        (a != b).ShouldBeFalse();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.Equals((object)b).ShouldBeTrue();
        (a == Cvr.Parse("55133018")).ShouldBeFalse();
        (a != Cvr.Parse("55133018")).ShouldBeTrue();
    }

    private static int WeightedSum(string digits)
    {
        int[] weights = [2, 7, 6, 5, 4, 3, 2, 1];
        return digits.Select((c, i) => (c - '0') * weights[i]).Sum();
    }
}
