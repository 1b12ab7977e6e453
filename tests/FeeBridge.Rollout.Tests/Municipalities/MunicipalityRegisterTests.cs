using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Rollout.Tests.Municipalities;

/// <summary>DOMAIN.md §8 <c>data/municipalities.tsv</c> and CONTRACTS.md §7's features (region, size).</summary>
public sealed class MunicipalityRegisterTests
{
    private static readonly MunicipalityRegister Denmark = MunicipalityRegister.Denmark;

    [Fact]
    public void TheShippedRegister_HoldsAll98_InFiveRegions()
    {
        Denmark.All.Count.ShouldBe(98);
        Denmark.Regions.ShouldBe(["Region Hovedstaden", "Region Midtjylland", "Region Nordjylland", "Region Sjælland", "Region Syddanmark"]);
        Denmark.Find(Kommunekode.Parse("101"))!.Name.ShouldBe("København");
        Denmark.Find(Kommunekode.Parse("751"))!.Region.ShouldBe("Region Midtjylland");
        Denmark.All.Count(m => m.PopulationDate.Year == 2020).ShouldBe(4, "four rows carry the 2020 figure");
    }

    [Fact]
    public void Size_LargeAtOrAboveTheMedianPopulation_SmallBelow()
    {
        // DOMAIN.md §8: "The median is about 45,000 inhabitants."
        Denmark.MedianPopulation.ShouldBeInRange(40_000, 50_000);
        var large = Denmark.All.Where(m => Denmark.SizeOf(m) == MunicipalitySize.Large).ToList();
        large.Count.ShouldBe(49, "98 municipalities, no two the same size: half at or above the median");
        large.ShouldAllBe(m => m.Population >= Denmark.MedianPopulation);
        Denmark.SizeOf(Denmark.Find(Kommunekode.Parse("101"))!).ShouldBe(MunicipalitySize.Large);
    }

    [Fact]
    public void TheMedianOfAnOddCount_IsTheMiddleOne_AndTheLargeIncludeIt()
    {
        var r = MunicipalityRegister.Parse(Header + Row("101", 300) + Row("147", 100) + Row("151", 200));
        r.MedianPopulation.ShouldBe(200);
        r.SizeOf(r.Find(Kommunekode.Parse("151"))!).ShouldBe(MunicipalitySize.Large);
        r.SizeOf(r.Find(Kommunekode.Parse("147"))!).ShouldBe(MunicipalitySize.Small);
    }

    [Theory]
    [InlineData("kommunekode\tkommune\n", "Line 1 must be the header")]
    [InlineData(Header + "101\tKøbenhavn\t1084\tRegion Hovedstaden\tByen København\t653664\t2023-01-01\n", "Line 2: 7 fields")]
    [InlineData(Header + "0101\tKøbenhavn\t1084\tRegion Hovedstaden\tByen København\t653664\t2023-01-01\tDST\n", "Line 2: Must be a kommunekode")]
    [InlineData(Header + "101\tKøbenhavn\t1084\tRegion Hovedstaden\tByen København\t-5\t2023-01-01\tDST\n", "Line 2: population")]
    [InlineData(Header + "101\tKøbenhavn\t1084\tRegion Hovedstaden\tByen København\t5\t1/1/2023\tDST\n", "Line 2: population_date")]
    [InlineData(Header, "names no municipality")]
    public void AWrongRegister_IsRefused_NamingTheLine(string text, string expected) =>
        Should.Throw<FormatException>(() => MunicipalityRegister.Parse(text)).Message.ShouldContain(expected);

    [Fact]
    public void AMunicipalityTwice_IsRefused() =>
        Should.Throw<FormatException>(() => MunicipalityRegister.Parse(Header + Row("101", 1) + Row("101", 2))).Message.ShouldContain("Line 3: kommunekode 101 appears twice");

    private const string Header = "kommunekode\tkommune\tregionskode\tregion\tlandsdel\tpopulation\tpopulation_date\tpopulation_source\n";

    private static string Row(string code, int population) => $"{code}\tK{code}\t1084\tRegion Hovedstaden\tL\t{population}\t2023-01-01\tDST\n";
}
