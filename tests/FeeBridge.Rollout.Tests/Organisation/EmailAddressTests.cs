using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Tests.Organisation;

/// <summary>A gallery address is a plain address KOMBIT can mail.</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("anne@kk.dk")]
    [InlineData("  anne.hansen+fbs@aarhus.dk ")]
    [InlineData("søren@københavn.dk")]
    [InlineData("o'brien@kk.dk")]
    public void APlainAddress_IsAccepted_Trimmed(string text)
    {
        EmailAddress.TryParse(text, out var email, out var error).ShouldBeTrue(error);
        email.Value.ShouldBe(text.Trim());
    }

    [Theory]
    [InlineData("", "mangler")]
    [InlineData("anne", "præcis ét @")]
    [InlineData("anne@@kk.dk", "præcis ét @")]
    [InlineData("Anne Hansen <anne@kk.dk>", "før @")]
    [InlineData("anne hansen@kk.dk", "før @")]
    [InlineData(".anne@kk.dk", "før @")]
    [InlineData("an..ne@kk.dk", "før @")]
    [InlineData("anne@kk", "domænet")]
    [InlineData("anne@-kk.dk", "domænet")]
    [InlineData("anne@kk.d", "domænet")]
    [InlineData("anne@kk..dk", "domænet")]
    [InlineData("anne@[10.0.0.1]", "domænet")]
    public void AnythingElse_IsRefused_SayingWhy(string text, string expected)
    {
        EmailAddress.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void TwoAddresses_AreTheSamePerson_WhateverTheirCase()
    {
        EmailAddress.Parse("Anne@KK.dk").ShouldBe(EmailAddress.Parse("anne@kk.dk"));
        new HashSet<EmailAddress> { EmailAddress.Parse("Anne@KK.dk") }.Contains(EmailAddress.Parse("anne@kk.dk")).ShouldBeTrue();
        EmailAddress.Parse("anne@kk.dk").ShouldNotBe(EmailAddress.Parse("anna@kk.dk"));
    }
}
