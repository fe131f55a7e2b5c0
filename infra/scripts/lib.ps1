# Shared by the azd hook scripts and grant-graph-permissions.ps1 (dot-sourced: . "$PSScriptRoot/lib.ps1").
#
# Every Azure Resource Manager call names the azd environment's subscription and resource group explicitly
# (--subscription, --resource-group): the Azure CLI's active subscription may be another one. When a call fails, the
# Azure CLI's own error text is shown, never replaced by a guess.
$ErrorActionPreference = 'Stop'

function Assert-Az {
    if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('ERROR: the Azure CLI (az) is needed: https://aka.ms/azure-cli')
        exit 1
    }
}

# Runs az with the given arguments; returns Ok, Out (stdout, trimmed), Err (the Azure CLI's stderr) and Code.
function Invoke-Az {
    $errFile = New-TemporaryFile
    try {
        $out = & az @args 2>$errFile
        $code = $LASTEXITCODE
        $err = Get-Content -Raw -Path $errFile -ErrorAction SilentlyContinue
    } finally {
        Remove-Item $errFile -ErrorAction SilentlyContinue
    }
    [pscustomobject]@{ Ok = ($code -eq 0); Out = ($out | Out-String).Trim(); Err = "$err".Trim(); Code = $code }
}

# Prints what failed and the Azure CLI's own error text, with any function key (code=...) masked.
function Write-AzFailure([string] $What, $Result) {
    [Console]::Error.WriteLine("ERROR: $What failed (az exit code $($Result.Code)). The Azure CLI said:")
    $text = if ($Result.Err) { $Result.Err } else { '(no error text)' }
    foreach ($line in ($text -replace 'code=[^&" ]*', 'code=***') -split "`r?`n") { [Console]::Error.WriteLine("    $line") }
}

# azd runs hooks with the environment's values set; when a script is run by hand, read them from azd.
function Import-AzdEnv([string[]] $Names) {
    $missing = $Names | Where-Object { -not [Environment]::GetEnvironmentVariable($_) }
    if ($missing -and (Get-Command azd -ErrorAction SilentlyContinue)) {
        foreach ($line in (azd env get-values)) {
            if ($line -match '^([^=]+)="?(.*?)"?$') { Set-Item -Path "env:$($Matches[1])" -Value $Matches[2] }
        }
    }
}

function Assert-Env([string[]] $Names) {
    foreach ($name in $Names) {
        if (-not [Environment]::GetEnvironmentVariable($name)) {
            [Console]::Error.WriteLine("ERROR: $name is not set: run 'azd provision' first.")
            exit 1
        }
    }
}

# A whole number of seconds from an environment variable, or the default.
function Get-Seconds([string] $Name, [int] $Default) {
    $value = [Environment]::GetEnvironmentVariable($Name)
    if (-not $value) { return $Default }
    if ($value -notmatch '^[0-9]+$') {
        [Console]::Error.WriteLine("ERROR: $Name must be a number of seconds, not '$value'.")
        exit 2
    }
    return [int] $value
}
