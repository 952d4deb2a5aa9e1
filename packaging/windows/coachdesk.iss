; Inno Setup script: a per-user installer that needs no administrator rights.
; Built on Windows after PyInstaller (see .github/workflows/package.yml):
;   iscc /DAppVersion=0.1.0 packaging\windows\coachdesk.iss
; Updating installs over the same AppId; uninstalling removes the program only: her vaults
; live in %LOCALAPPDATA%\CoachDesk (written by CoachDesk, not by this installer) and stay.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6A0C7E5B-3F1D-4B8E-9C2A-0D5E4F7A1B3C}
AppName=CoachDesk
AppVersion={#AppVersion}
AppPublisher=CoachDesk
VersionInfoVersion={#AppVersion}
VersionInfoDescription=CoachDesk installer
DefaultDirName={localappdata}\Programs\CoachDesk
DefaultGroupName=CoachDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=CoachDesk-{#AppVersion}-setup
SetupIconFile=coachdesk.ico
UninstallDisplayIcon={app}\coachdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; Code signing (the organisation's certificate, never in this repository):
;   SignTool=signtool sign /fd SHA256 /tr http://timestamp.example.org /td SHA256 /f "$CERT_FILE" /p "$CERT_PASSWORD" $f
; SignTool=orgsign

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
de.LaunchAfter=CoachDesk jetzt starten
en.LaunchAfter=Start CoachDesk now
de.VaultsStay=Ihre Tresore bleiben erhalten. Sie liegen in Ihrem Benutzerordner, nicht im Programmordner.
en.VaultsStay=Your vaults are kept. They are in your user folder, not in the program folder.

[Files]
Source: "..\..\dist\coachdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the program folder whole (no stale modules of the old version).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\CoachDesk"; Filename: "{app}\coachdesk.exe"
Name: "{userdesktop}\CoachDesk"; Filename: "{app}\coachdesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\coachdesk.exe"; Description: "{cm:LaunchAfter}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder; %LOCALAPPDATA%\CoachDesk (vaults, backups, settings) is never listed here.
Type: filesandordirs; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    MsgBox(CustomMessage('VaultsStay'), mbInformation, MB_OK);
end;
