using System.Globalization;

namespace FeeBridge.Rollout.Municipalities;

/// <summary>
/// The municipalities with the facts the rollout sorts them by: region, landsdel, population (DOMAIN.md §8,
/// <c>data/municipalities.tsv</c>). <see cref="Denmark"/> is the shipped register of all 98.
/// </summary>
public sealed class MunicipalityRegister
{
    private static readonly string[] Columns =
        ["kommunekode", "kommune", "regionskode", "region", "landsdel", "population", "population_date", "population_source"];

    private readonly Dictionary<Kommunekode, DanishMunicipality> _byCode;

    private MunicipalityRegister(IReadOnlyList<DanishMunicipality> all)
    {
        All = all;
        _byCode = all.ToDictionary(m => m.Code);
        var sorted = all.Select(m => m.Population).Order().ToArray();
        // The median of an even count is the mean of the middle two; kept exact as a double (both are integers).
        MedianPopulation = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + (double)sorted[sorted.Length / 2]) / 2;
        Regions = [.. all.Select(m => m.Region).Distinct().Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<DanishMunicipality> All { get; }
    public double MedianPopulation { get; }
    public IReadOnlyList<string> Regions { get; }

    public DanishMunicipality? Find(Kommunekode code) => _byCode.GetValueOrDefault(code);

    public MunicipalitySize SizeOf(DanishMunicipality m) => m.Population >= MedianPopulation ? MunicipalitySize.Large : MunicipalitySize.Small;

    /// <summary>The 98, from the copy of <c>data/municipalities.tsv</c> inside this assembly.</summary>
    public static MunicipalityRegister Denmark { get; } = Parse(Shipped());

    private static string Shipped()
    {
        using var stream = typeof(MunicipalityRegister).Assembly.GetManifestResourceStream("FeeBridge.Rollout.municipalities.tsv")
            ?? throw new InvalidOperationException("The municipality register is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads the register's tab-separated form (header line first); a wrong line is refused with its number.</summary>
    public static MunicipalityRegister Parse(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || !lines[0].Split('\t').SequenceEqual(Columns))
            throw new FormatException($"Line 1 must be the header: {string.Join(" ", Columns)}.");
        var all = new List<DanishMunicipality>();
        for (var i = 1; i < lines.Count; i++)
        {
            var f = lines[i].Split('\t');
            if (f.Length != Columns.Length) throw new FormatException($"Line {i + 1}: {f.Length} fields, expected {Columns.Length}.");
            if (!Kommunekode.TryParse(f[0], out var code, out var error)) throw new FormatException($"Line {i + 1}: {error}");
            if (f[1].Length == 0 || f[3].Length == 0 || f[4].Length == 0) throw new FormatException($"Line {i + 1}: name, region and landsdel are required.");
            if (!int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var population) || population <= 0)
                throw new FormatException($"Line {i + 1}: population must be a positive whole number.");
            if (!DateOnly.TryParseExact(f[6], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException($"Line {i + 1}: population_date must be YYYY-MM-DD.");
            if (all.Any(m => m.Code == code)) throw new FormatException($"Line {i + 1}: kommunekode {code} appears twice.");
            all.Add(new DanishMunicipality(code, f[1], f[3], f[4], population, date));
        }
        if (all.Count == 0) throw new FormatException("The register names no municipality.");
        return new MunicipalityRegister(all);
    }
}
