module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<13xf32>) -> tensor<13xf32> {
    %0 = stablehlo.sqrt %arg0 : tensor<13xf32>
    return %0 : tensor<13xf32>
  }
}
