{{/*
Names, labels and the Flink settings every template shares. Every object is named
<fullname>-<part>; fullname is the release name (or <release>-taskbeam when the release name does
not contain "taskbeam"), cut to 42 characters so every <fullname>-<part> stays a valid
Service/DNS name.
*/}}

{{- define "taskbeam.name" -}}
{{- .Chart.Name -}}
{{- end -}}

{{- define "taskbeam.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 42 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 42 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "taskbeam.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "taskbeam.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: taskbeam
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "jobmanager"). */}}
{{- define "taskbeam.selectorLabels" -}}
app.kubernetes.io/name: {{ include "taskbeam.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Labels of a component's pods and objects: the common ones plus its selector labels. */}}
{{- define "taskbeam.componentLabels" -}}
{{ include "taskbeam.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "taskbeam.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
The driver Job's name: <fullname>-driver-<first 8 hex digits of the sha256 of its spec>. A Job's pod
template is immutable, so a `helm upgrade` that changes the run (app, params, image, driver
settings) gets a new Job, a new run, and Helm removes the old one; an upgrade that leaves the spec
as it is (worker.number, which the driver reads from the ConfigMap) keeps the Job and its run.
*/}}
{{- define "taskbeam.driverJob" -}}
{{- printf "%s-driver-%s" (include "taskbeam.fullname" .) (include "taskbeam.driverJobSpec" . | sha256sum | trunc 8) -}}
{{- end -}}

{{- define "taskbeam.jobmanagerService" -}}
{{- printf "%s-jobmanager" (include "taskbeam.fullname" .) -}}
{{- end -}}

{{/* host:port of the JobManager's REST endpoint, what the driver's --flinkMaster names. */}}
{{- define "taskbeam.restAddress" -}}
{{- printf "%s:8081" (include "taskbeam.jobmanagerService" .) -}}
{{- end -}}

{{/* Where pods mount things; the launcher and the Flink config refer to these paths. */}}
{{- define "taskbeam.configMountPath" -}}/etc/taskbeam/flink{{- end -}}
{{- define "taskbeam.tlsMountPath" -}}/etc/taskbeam/tls{{- end -}}
{{- define "taskbeam.runtimeConfigDir" -}}/tmp/flink-conf{{- end -}}

{{/*
The cluster's run directory on the shared volume: TaskManager pods that Kubernetes stops mark
themselves as leaving there (their preStop hook) and the driver holds its next job until they are
gone. The JobManager publishes it (taskbeam.cluster.run-dir) to the driver.
*/}}
{{- define "taskbeam.runDir" -}}{{ .Values.volume.mountPath }}/cluster{{- end -}}

{{/* The ConfigMap file with worker.number, which the driver waits for (read at its start). */}}
{{- define "taskbeam.workerNumberFile" -}}worker-number{{- end -}}

{{/* A TaskManager pod's grace period: its drain, then 30 s (Kubernetes' default) to stop. */}}
{{- define "taskbeam.terminationGracePeriod" -}}
{{- add (int .Values.worker.drainSeconds) 30 -}}
{{- end -}}

{{/* The port every pod serves Prometheus metrics on (Flink's reporter, the driver's /metrics). */}}
{{- define "taskbeam.metricsPort" -}}9249{{- end -}}

{{/* MiB from GiB values such as 2 or 1.5. */}}
{{- define "taskbeam.mib" -}}
{{- mulf . 1024 | floor | int -}}
{{- end -}}

{{/*
The Flink settings the chart owns, as "key": "value" lines. They override flink/conf/config.yaml
and may not be set through flink.config.
*/}}
{{- define "taskbeam.ownedFlinkConfig" -}}
"jobmanager.rpc.address": {{ include "taskbeam.jobmanagerService" . | quote }}
"jobmanager.rpc.port": "6123"
"jobmanager.bind-host": "0.0.0.0"
"blob.server.port": "6124"
"rest.address": {{ include "taskbeam.jobmanagerService" . | quote }}
"rest.port": "8081"
"rest.bind-address": "0.0.0.0"
"taskmanager.bind-host": "0.0.0.0"
"taskmanager.rpc.port": "6122"
"taskmanager.data.port": "6121"
"taskmanager.numberOfTaskSlots": {{ include "taskbeam.text" .Values.worker.slots | quote }}
"taskmanager.cpu.cores": {{ include "taskbeam.text" .Values.worker.resources.cpu | quote }}
"taskmanager.memory.process.size": {{ printf "%sm" (include "taskbeam.mib" .Values.worker.resources.memory) | quote }}
"jobmanager.memory.process.size": {{ printf "%sm" (include "taskbeam.mib" .Values.jobmanager.resources.memory) | quote }}
"metrics.reporter.prom.port": {{ include "taskbeam.metricsPort" . | quote }}
"taskbeam.cluster.run-dir": {{ include "taskbeam.runDir" . | quote }}
{{- if .Values.tls.enabled }}
"security.ssl.internal.enabled": "true"
"security.ssl.internal.keystore": {{ printf "%s/%s" (include "taskbeam.tlsMountPath" .) .Values.tls.keystoreKey | quote }}
"security.ssl.internal.truststore": {{ printf "%s/%s" (include "taskbeam.tlsMountPath" .) .Values.tls.truststoreKey | quote }}
"security.ssl.rest.enabled": {{ .Values.tls.rest.enabled | toString | quote }}
{{- if .Values.tls.rest.enabled }}
"security.ssl.rest.authentication-enabled": "true"
"security.ssl.rest.keystore": {{ printf "%s/%s" (include "taskbeam.tlsMountPath" .) .Values.tls.keystoreKey | quote }}
"security.ssl.rest.truststore": {{ printf "%s/%s" (include "taskbeam.tlsMountPath" .) .Values.tls.truststoreKey | quote }}
{{- end }}
"security.ssl.algorithms": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
{{- end }}
{{- end -}}

{{/*
The effective Flink config.yaml: flink/conf/config.yaml (files/flink-config.yaml, a copy a test
keeps identical) with the lines of overridden keys left out, then the chart's settings, then
flink.config. Values are double-quoted YAML strings; Flink converts them to their types.
*/}}
{{- define "taskbeam.flinkConfig" -}}
{{- $owned := include "taskbeam.ownedFlinkConfig" . | fromYaml -}}
{{- range $key, $value := .Values.flink.config -}}
{{- if hasKey $owned $key -}}
{{- fail (printf "flink.config.%s: the chart sets this key itself (to %s); use the chart's values (worker.*, jobmanager.*, tls.*) instead" $key (get $owned $key | quote)) -}}
{{- end -}}
{{- if or (hasPrefix "security.ssl" $key) (hasSuffix "password" $key) -}}
{{- fail (printf "flink.config.%s: TLS settings come from tls.* and the Secret tls.secretName, never from plain values" $key) -}}
{{- end -}}
{{- end -}}
{{- range $line := splitList "\n" (.Files.Get "files/flink-config.yaml") -}}
{{- $key := regexFind "^[^#\\s][^:]*" $line -}}
{{- if not (and $key (or (hasKey $owned $key) (hasKey $.Values.flink.config $key))) }}
{{ $line }}
{{- end -}}
{{- end }}

# --- Set by the chart (values worker.*, jobmanager.*, tls.*). ------------------------------------
{{- range $key := keys $owned | sortAlpha }}
{{ $key }}: {{ get $owned $key | quote }}
{{- end }}
{{- if .Values.flink.config }}

# --- flink.config. ------------------------------------------------------------------------------
{{- range $key := keys .Values.flink.config | sortAlpha }}
{{ $key }}: {{ include "taskbeam.text" (get $.Values.flink.config $key) | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Pod-level settings shared by every pod: no API token, a non-root user that owns the volume. */}}
{{- define "taskbeam.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  runAsNonRoot: true
  runAsUser: 9999
  runAsGroup: 9999
  fsGroup: 9999
  seccompProfile:
    type: RuntimeDefault
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "taskbeam.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: ["ALL"]
{{- end -}}

{{/* Scrape annotations for a pod's metrics port. */}}
{{- define "taskbeam.scrapeAnnotations" -}}
{{- if .Values.monitoring.scrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ include "taskbeam.metricsPort" . | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end -}}

{{/* Environment of the Flink pods: downward API, TLS passwords from the Secret. */}}
{{- define "taskbeam.podEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
{{- if .Values.tls.enabled }}
- name: TASKBEAM_TLS_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.tls.secretName }}
      key: {{ .Values.tls.keystorePasswordKey }}
- name: TASKBEAM_TLS_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.tls.secretName }}
      key: {{ .Values.tls.truststorePasswordKey }}
{{- end }}
{{- end -}}

{{/* Mounts every Flink container has: the ConfigMap, a writable /tmp, the TLS Secret. */}}
{{- define "taskbeam.flinkMounts" -}}
- name: flink-config
  mountPath: {{ include "taskbeam.configMountPath" . }}
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .Values.tls.enabled }}
- name: tls
  mountPath: {{ include "taskbeam.tlsMountPath" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "taskbeam.flinkVolumes" -}}
- name: flink-config
  configMap:
    name: {{ include "taskbeam.fullname" . }}-flink-config
- name: tmp
  emptyDir: {}
{{- if .Values.tls.enabled }}
- name: tls
  secret:
    secretName: {{ .Values.tls.secretName }}
    defaultMode: 0400
{{- end }}
{{- end -}}

{{/* The shared volume (work directory, runs), mounted by the driver and the TaskManagers. */}}
{{- define "taskbeam.sharedVolume" -}}
- name: shared
{{- if .Values.volume.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .Values.volume.existingClaim }}
{{- else if .Values.volume.hostPath }}
  hostPath:
    path: {{ .Values.volume.hostPath }}
    type: DirectoryOrCreate
{{- else }}
  persistentVolumeClaim:
    claimName: {{ include "taskbeam.fullname" . }}-shared
{{- end }}
{{- end -}}

{{/* Node selector of pods that mount the shared volume: hostPath pins them to its node. */}}
{{- define "taskbeam.sharedNodeSelector" -}}
{{- $labels := dict -}}
{{- range $k, $v := .labels }}{{ $_ := set $labels $k $v }}{{ end -}}
{{- if .root.Values.volume.hostPath }}{{ $_ := set $labels "kubernetes.io/hostname" .root.Values.volume.node }}{{ end -}}
{{- with $labels }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Checks across values that the schema cannot express; each failure is one line. */}}
{{- define "taskbeam.validate" -}}
{{- /* --set passes 1.5 as a string, which the schema accepts; the minimums are checked here. */ -}}
{{- range $check := list (list "worker.resources.memory" .Values.worker.resources.memory 1.0 "a TaskManager needs at least 1 GiB") (list "jobmanager.resources.memory" .Values.jobmanager.resources.memory 0.75 "the JobManager needs at least 0.75 GiB") (list "driver.resources.memory" .Values.driver.resources.memory 0.5 "the driver needs at least 0.5 GiB") (list "worker.resources.cpu" .Values.worker.resources.cpu 0.001 "give each TaskManager some CPU") -}}
{{- if lt (float64 (index $check 1)) (index $check 2) -}}
{{- fail (printf "%s=%v: %s" (index $check 0) (index $check 1) (index $check 3)) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.volume.hostPath (not .Values.volume.node) -}}
{{- fail "volume.hostPath needs volume.node (the node that holds the directory; all pods that mount it run there)" -}}
{{- end -}}
{{- if and .Values.volume.hostPath .Values.volume.existingClaim -}}
{{- fail "set either volume.hostPath or volume.existingClaim, not both" -}}
{{- end -}}
{{- if and .Values.tls.enabled (not .Values.tls.secretName) -}}
{{- fail "tls.enabled=true needs tls.secretName: a Secret with the keystore, the truststore and their passwords" -}}
{{- end -}}
{{- if and .Values.tls.rest.enabled (not .Values.tls.enabled) -}}
{{- fail "tls.rest.enabled=true needs tls.enabled=true" -}}
{{- end -}}
{{- if and .Values.tls.rest.enabled .Values.driver.enabled -}}
{{- fail "tls.rest.enabled=true: the driver's REST client cannot use TLS yet; set driver.enabled=false and submit with your own TLS client, or keep tls.rest.enabled=false" -}}
{{- end -}}
{{- if and (not .Values.app.mainClass) (not (has .Values.app.name (list "matmul" "cholesky" "kmeans" "genetic" "fastq" "mandelbrot"))) -}}
{{- fail (printf "app.name=%s is not a taskbeam application: use matmul, cholesky, kmeans, genetic, fastq or mandelbrot, or set app.mainClass" .Values.app.name) -}}
{{- end -}}
{{- range $key, $value := .Values.app.params -}}
{{- if has $key (list "true" "false") -}}
{{- fail (printf "app.params has a key %q: YAML reads a bare n, y, no, off (and yes, on) as a boolean; quote the key, e.g. \"n\": 4096" $key) -}}
{{- end -}}
{{- if has $key (list "profile" "flinkMaster" "workDir" "runsDir" "runner" "metricsPort" "metricsAddress" "pushgateway") -}}
{{- fail (printf "app.params.%s: the chart sets --%s itself; see volume.* and monitoring.* in values.yaml" $key $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A value as text; whole numbers without exponent (YAML numbers arrive as floats: 1000000 -> "1000000", not "1e+06"). */}}
{{- define "taskbeam.text" -}}
{{- if and (kindIs "float64" .) (eq (floor .) .) -}}
{{- int64 . -}}
{{- else -}}
{{- . -}}
{{- end -}}
{{- end -}}
