// Microsoft Graph application permissions (app roles) for the managed identity, with the Microsoft Graph Bicep
// extension (bicepconfig.json: microsoftGraphV1). The deployer needs AppRoleAssignment.ReadWrite.All and
// Application.Read.All, i.e. the Privileged Role Administrator (or Global Administrator) role. Without it, deploy with
// grantGraphPermissions=false and have an administrator run infra/scripts/grant-graph-permissions.sh.
extension microsoftGraphV1

@description('Object id (principal id) of the managed identity\'s service principal.')
param principalId string

@description('Graph app role values, e.g. SynchronizationData-User.Upload.')
param appRoles string[]

// Microsoft Graph's service principal in this tenant, by its well-known application id.
resource graph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

resource assignments 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [for role in appRoles: {
  principalId: principalId
  resourceId: graph.id
  appRoleId: filter(graph.appRoles, r => r.value == role && contains(r.allowedMemberTypes, 'Application'))[0].id
}]

output assignedRoles string[] = appRoles
