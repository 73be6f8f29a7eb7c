using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Snapshot;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace MyeloDx.Fhir;

public enum FhirIssueSeverity { Information, Warning, Error }

public sealed record FhirValidationIssue(FhirIssueSeverity Severity, string Where, string Message)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} at {Where}: {Message}";
}

/// <summary>
/// Validates resources against the FHIR R4 core specification offline (Firely validator with the specification.zip
/// that ships with Hl7.Fhir.Specification.Data.R4). Loading the specification takes a few seconds the first time;
/// build one and reuse it. Codes from systems it does not hold (SNOMED CT, LOINC, MyeloDx's own) are not checked.
/// </summary>
public sealed class FhirValidator
{
    private readonly Validator _validator;

    public FhirValidator()
    {
        var zip = Path.Combine(AppContext.BaseDirectory, "specification.zip");
        if (!File.Exists(zip)) throw new FileNotFoundException("the FHIR R4 specification (specification.zip) is missing beside the program", zip);
        var zipSource = ZipSource.CreateValidationSource(zip);
        // The SDK unpacks the specification into a cache folder shared by every process on the machine; unpack it
        // under a lock so that two processes starting at once (parallel test runs) never read a half-written cache.
        using (CacheLock()) zipSource.Prepare();
        var generator = new SnapshotGenerator(zipSource);
        var own = ExtensionDefinitions.All().Select(sd => { generator.UpdateAsync(sd).GetAwaiter().GetResult(); return sd; }).ToArray();
        var source = new CachedResolver(new MultiResolver(zipSource, new InMemoryResourceResolver(own)));
        var terminology = new LocalTerminologyService(source);
        _validator = new Validator(source, terminology);
    }

    private static FileStream CacheLock()
    {
        var path = Path.Combine(Path.GetTempPath(), "myelodx-fhir-specification.lock");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { Thread.Sleep(100); }
        }
    }

    public IReadOnlyList<FhirValidationIssue> Validate(Resource resource)
    {
        var outcome = _validator.Validate(resource);
        return outcome.Issue.Select(i => new FhirValidationIssue(
            i.Severity switch
            {
                OperationOutcome.IssueSeverity.Fatal or OperationOutcome.IssueSeverity.Error => FhirIssueSeverity.Error,
                OperationOutcome.IssueSeverity.Warning => FhirIssueSeverity.Warning,
                _ => FhirIssueSeverity.Information,
            },
            i.Expression.FirstOrDefault() ?? i.Location.FirstOrDefault() ?? "",
            i.Details?.Text ?? i.Diagnostics ?? i.Code?.ToString() ?? "")).ToArray();
    }
}
