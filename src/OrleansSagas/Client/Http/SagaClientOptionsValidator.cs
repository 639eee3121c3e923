using Microsoft.Extensions.Options;

namespace OrleansSagas.Client.Http;

/// <summary>Reports <see cref="SagaClientOptions.Validate"/> failures the way the options system expects.</summary>
internal sealed class SagaClientOptionsValidator : IValidateOptions<SagaClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SagaClientOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
