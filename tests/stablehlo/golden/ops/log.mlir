module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<14xf32>) -> tensor<14xf32> {
    %0 = stablehlo.log %arg0 : tensor<14xf32>
    return %0 : tensor<14xf32>
  }
}
