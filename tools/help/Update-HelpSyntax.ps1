<#
.SYNOPSIS
    Writes the SYNTAX of every cmdlet into the module's MAML help from the cmdlets themselves, and each parameter's
    "Required?" from whether it is mandatory in every parameter set.
.DESCRIPTION
    The help text (descriptions, examples) is written by hand in module/en-US/Omm.PowerShell.dll-Help.xml; what the
    compiled cmdlets already say (parameter sets, types, positions, pipeline input) is generated here so that it cannot
    drift. tests/Pester/Help.Tests.ps1 fails when the file is not up to date: run this after changing a parameter.
        pwsh tools/help/Update-HelpSyntax.ps1 -ModulePath out/Omm/Omm.psd1
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $HelpPath = (Join-Path $PSScriptRoot '../../module/en-US/Omm.PowerShell.dll-Help.xml')
)

$ErrorActionPreference = 'Stop'
Import-Module (Resolve-Path $ModulePath).Path -Force
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$namespaces = @{
    maml = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$path = (Resolve-Path $HelpPath).Path
$document = [System.Xml.XmlDocument]::new()
$document.PreserveWhitespace = $true
$document.Load($path)
$manager = [System.Xml.XmlNamespaceManager]::new($document.NameTable)
foreach ($prefix in $namespaces.Keys) { $manager.AddNamespace($prefix, $namespaces[$prefix]) }

function New-Element([string] $prefix, [string] $name, [string] $text) {
    $element = $document.CreateElement($prefix, $name, $namespaces[$prefix])
    if ($text) { $element.InnerText = $text }
    $element
}

function Get-PipelineInput($parameter) {
    $ways = @()
    if ($parameter.ValueFromPipeline) { $ways += 'ByValue' }
    if ($parameter.ValueFromPipelineByPropertyName) { $ways += 'ByPropertyName' }
    if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
}

foreach ($command in Get-Command -Module Omm -CommandType Cmdlet) {
    $node = $document.SelectSingleNode("//command:command[command:details/command:name='$($command.Name)']", $manager)
    if (-not $node) { throw "The help has no entry for $($command.Name)." }
    foreach ($old in @($node.SelectNodes('command:syntax', $manager))) { [void] $node.RemoveChild($old) }

    $syntax = New-Element command syntax
    $sets = $command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name
    foreach ($set in $sets) {
        $item = New-Element command syntaxItem
        [void] $item.AppendChild((New-Element maml name $command.Name))
        $parameters = $set.Parameters | Where-Object Name -notin ([System.Management.Automation.PSCmdlet]::CommonParameters) | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory }, Name
        foreach ($parameter in $parameters) {
            $element = New-Element command parameter
            $element.SetAttribute('required', $parameter.IsMandatory.ToString().ToLowerInvariant())
            $element.SetAttribute('variableLength', 'true')
            $wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            $element.SetAttribute('globbing', $wildcards.ToString().ToLowerInvariant())
            $element.SetAttribute('pipelineInput', (Get-PipelineInput $parameter))
            $element.SetAttribute('position', $(if ($parameter.Position -ge 0) { [string] $parameter.Position } else { 'named' }))
            [void] $element.AppendChild((New-Element maml name $parameter.Name))
            if ($parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $value = New-Element command parameterValue $parameter.ParameterType.Name
                $value.SetAttribute('required', 'true')
                $value.SetAttribute('variableLength', 'false')
                [void] $element.AppendChild($value)
            }
            [void] $item.AppendChild($element)
        }
        [void] $syntax.AppendChild($item)
    }

    $parametersNode = $node.SelectSingleNode('command:parameters', $manager)
    [void] $node.InsertBefore($syntax, $parametersNode)
    [void] $node.InsertBefore($document.CreateWhitespace("`n    "), $parametersNode)

    # "Required?" says whether a parameter must be given whatever the parameter set.
    foreach ($entry in @($parametersNode.SelectNodes('command:parameter', $manager))) {
        $name = $entry.SelectSingleNode('maml:name', $manager).InnerText
        $metadata = $command.Parameters[$name]
        if ($metadata) {
            $mandatory = @($metadata.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count -eq 0
            $entry.SetAttribute('required', $mandatory.ToString().ToLowerInvariant())
        }
    }
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$writer = [System.Xml.XmlWriter]::Create($path, $settings)
try { $document.Save($writer) } finally { $writer.Dispose() }
"Updated the SYNTAX and Required? of $(@(Get-Command -Module Omm -CommandType Cmdlet).Count) cmdlets in $path"
