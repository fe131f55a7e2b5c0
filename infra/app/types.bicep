// Shapes of main.bicep's parameters.

@export()
@description('One HR source and the API-driven provisioning app (job) it feeds.')
type sourceType = {
  @minLength(1)
  @maxLength(32)
  @description('Source name: lower-case letters and digits only (it becomes part of app-setting names such as SYNC_SOURCES_HR_GRAPH_JOB_ID, and the first folder of a dropped extract: inbound/<name>/<file>).')
  name: string

  @minLength(1)
  @description('Mapping file: classpath:mappings/<file>.yaml for a mapping packaged in the app (samples/mappings), or a path.')
  mapping: string

  @description('Object id of the provisioning app\'s service principal (Enterprise applications > the app > Object ID). May be empty on the first deployment; uploads fail with a clear message until it is set.')
  servicePrincipalId: string

  @description('Provisioning job id, API2AAD.<hex>.<guid> or API2AD.<hex>.<guid> (the app\'s Provisioning page). May be empty on the first deployment.')
  jobId: string
}
