using Omm.TestServers;

namespace Omm.PowerShell.Tests;

/// <summary>
/// The parameters users type stay as they are: every cmdlet's parameters (name, type, default, aliases,
/// attributes, and per parameter set: mandatory, position, pipeline binding), compared with
/// ParameterSurface.txt. A change that is meant changes that file too. Not the order in which the syntax
/// lists named parameters: that follows the classes that declare them.
/// </summary>
public sealed class ParameterSurfaceTests
{
    // Sort-Object is in Microsoft.PowerShell.Utility, which the hosted engine lacks.
    private const string Describe = @"
        function Sorted($items, [scriptblock] $key) {
            $list = [System.Collections.Generic.List[object]]::new([object[]] @($items))
            $list.Sort([Comparison[object]] { param($a, $b) [string]::CompareOrdinal(($a | ForEach-Object $key), ($b | ForEach-Object $key)) })
            $list
        }
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($command in Sorted (Get-Command -Module Omm) { $_.Name }) {
            $command.Name
            $defaults = [Activator]::CreateInstance($command.ImplementingType)
            foreach ($parameter in Sorted ($command.Parameters.Values | Where-Object Name -notin $common) { $_.Name }) {
                $attributes = @($parameter.Attributes | Where-Object {
                        $_ -is [System.Management.Automation.Internal.CmdletMetadataAttribute] -and
                        $_ -isnot [System.Management.Automation.ParameterAttribute] -and $_ -isnot [System.Management.Automation.AliasAttribute] } |
                    ForEach-Object {
                        $name = $_.GetType().Name
                        if ($_ -is [System.Management.Automation.ValidateRangeAttribute]) { $name += ""($($_.MinRange)..$($_.MaxRange))"" }
                        $name
                    })
                $attributes = Sorted $attributes { $_ }
                $default = $defaults.($parameter.Name)
                ""  -$($parameter.Name) [$($parameter.ParameterType.FullName)] default=$(if ($null -eq $default) { '(null)' } else { $default })"" +
                    "" aliases=$((Sorted $parameter.Aliases { $_ }) -join ',') attributes=$($attributes -join ',')""
                foreach ($set in Sorted $parameter.ParameterSets.GetEnumerator() { $_.Key }) {
                    $p = $set.Value
                    ""    set=$($set.Key) mandatory=$($p.IsMandatory) position=$($p.Position) pipeline=$($p.ValueFromPipeline)"" +
                        "" byPropertyName=$($p.ValueFromPipelineByPropertyName) remaining=$($p.ValueFromRemainingArguments) help=$($p.HelpMessage)""
                }
            }
        }";

    private static string SnapshotPath => Path.Combine(RepositoryPaths.Root, "tests", "Omm.PowerShell.Tests", "ParameterSurface.txt");

    [Fact]
    public void Every_cmdlet_keeps_its_parameters()
    {
        using var shell = new OmmShell();
        var result = shell.Run(Describe);
        result.AssertNoErrors();
        var surface = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(File.ReadAllLines(SnapshotPath), surface);
    }
}
