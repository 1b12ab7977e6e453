using FeeBridge.Rollout.Klik;

namespace FeeBridge.Rollout.Tests.Klik;

/// <summary>DOMAIN.md §8's OCR damage: "æ→a/&amp;/e, ø→g/s, å→a, "I"→"|", "Mål"→"Mal"".</summary>
public sealed class OcrConfusionsTests
{
    [Theory]
    [InlineData("Mål", "Mal")]
    [InlineData("Bølger", "Bolger")]
    [InlineData("Fælles", "Falles")]
    [InlineData("ændring", "&ndring")]
    [InlineData("udfører", "udfgrer")]
    [InlineData("økonomi", "skonomi")]
    [InlineData("gæld", "geeld")]
    [InlineData("I får", "| far")]
    [InlineData("Er det en", "Er deten")]
    [InlineData("fremgangsmåde", "fremgangsméde")]
    public void AKnownMisreading_ReadsAsTheWord(string written, string read) =>
        OcrConfusions.Compare(written, read).ShouldBe(Likeness.Misread);

    [Theory]
    [InlineData("ØiR-koordinator", "ØiR-kordinator")]
    [InlineData("Tema", "Tems")]
    [InlineData("Projektleder", "Projektlxder")]
    public void AnyOtherDifference_IsNoMisreading(string written, string read) =>
        OcrConfusions.Compare(written, read).ShouldBe(Likeness.Different);

    [Fact]
    public void CaseAlone_IsTheSameText() => OcrConfusions.Compare("Biblioteksfolk", "biblioteksfolk").ShouldBe(Likeness.Same);

    [Fact]
    public void AVeryLongText_IsComparedOnlyAsWritten()
    {
        var word = new string('æ', OcrConfusions.MaxLength + 1);
        OcrConfusions.Compare(word, new string('a', word.Length)).ShouldBe(Likeness.Different);
    }
}
